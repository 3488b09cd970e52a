import { OutOfOfficeMode } from '../../shared/enums';
import type { SendWindow, SequenceSettings } from '../../shared/schemas';

export interface EffectiveSettings {
  unenrollSameCompany: boolean;
  outOfOffice: OutOfOfficeMode;
  sendWindow: SendWindow | null;
}

/** A sequence's settings with every default filled in (stored settings hold only what was set). */
export function effectiveSettings(settings: SequenceSettings): EffectiveSettings {
  return {
    unenrollSameCompany: settings.unenrollSameCompany ?? false,
    outOfOffice: settings.outOfOffice ?? OutOfOfficeMode.defer,
    sendWindow: settings.sendWindow ?? null,
  };
}
