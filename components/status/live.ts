/** How often live status views poll the JSON API. */
export const LIVE_REFRESH_MS = 3000;
