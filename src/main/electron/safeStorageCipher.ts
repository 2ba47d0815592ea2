import { safeStorage } from 'electron';
import type { SecretCipher } from '../api/credentialStore';

/**
 * Electron's safeStorage as the backend's SecretCipher: Keychain on macOS, DPAPI on Windows,
 * the Secret Service (libsecret) or KWallet on Linux. Linux without either falls back to a
 * hard-coded key ('basic_text'), which is no protection: secrets are not remembered then.
 * Usable once the app is ready.
 */
export function safeStorageCipher(): SecretCipher {
  return {
    available: () =>
      safeStorage.isEncryptionAvailable() &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (secret) => safeStorage.encryptString(secret),
    decrypt: (ciphertext) => safeStorage.decryptString(ciphertext),
  };
}
