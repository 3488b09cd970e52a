// The ribbon's function file (manifest FunctionFile). The only command, **Sales Tools**, is a
// ShowTaskpane action handled by Outlook itself, so this page only has to initialise Office.js.
import { officeReady } from '../office/host';

officeReady().catch((error: unknown) => console.error(error));
