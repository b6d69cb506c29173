// The API key lives in this tab's session storage only: never in a URL, a cookie or local storage, and
// gone when the tab closes.
const STORAGE_KEY = "cadence.apiKey";

export function readStoredKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeKey(key: string) {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(STORAGE_KEY);
}
