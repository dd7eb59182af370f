const TOKEN_KEY = 'wutong.token';

/** The access token of this browser's session, kept across reloads. */
export function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable: the session lasts until the tab closes
  }
}

const DEVICES_KEY = 'wutong.devices';
/** Accounts remembered on one browser (a shared computer); the oldest is forgotten first. */
const MAX_ACCOUNTS = 5;

function readDevices(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DEVICES_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * The secret that makes this browser a recognised device of the account with this email: sent with
 * every sign-in, it still gets the owner in while the account is closed to unknown devices after
 * many wrong passwords.
 */
export function readDeviceToken(email: string): string | undefined {
  const token = readDevices()[email.trim().toLowerCase()];
  return typeof token === 'string' ? token : undefined;
}

export function writeDeviceToken(email: string, token: string | undefined): void {
  if (!token) return;
  const key = email.trim().toLowerCase();
  const devices = Object.entries(readDevices()).filter(([address]) => address !== key);
  devices.push([key, token]);
  try {
    localStorage.setItem(DEVICES_KEY, JSON.stringify(Object.fromEntries(devices.slice(-MAX_ACCOUNTS))));
  } catch {
    // storage unavailable: this browser stays unrecognised
  }
}
