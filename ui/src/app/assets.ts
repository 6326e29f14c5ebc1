/** URL of the folder holding the bundle's assets (the main chunk lives there). */
export function assetBase(): string {
  return new URL('.', import.meta.url).href.replace(/\/$/, '');
}
