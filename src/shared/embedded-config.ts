/**
 * The id of the JSON block in which the server embeds `GET /api/v1/config`'s answer in the task
 * pane's page (src/server/addin-host), and which the pane reads before asking for it
 * (src/addin/auth/create-token-provider.ts).
 */
export const EMBEDDED_CONFIG_ID = 'sales-tools-config';
