/** The sign-in choice kept across page reloads until sign-out. */
export type SignInChoice =
  | { provider: 'guest' }
  | { provider: 'development'; userName: string };

/** localStorage key of the current {@link SignInChoice}. */
export const SIGN_IN_CHOICE_KEY = 'eks-platform:sign-in-choice';

/** A catalog entity name, as the backend's development provider accepts it. */
export const CATALOG_USER_NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

export function isValidCatalogUserName(name: string): boolean {
  return name.length <= 63 && CATALOG_USER_NAME.test(name);
}

export function loadSignInChoice(): SignInChoice | undefined {
  try {
    const raw = window.localStorage.getItem(SIGN_IN_CHOICE_KEY);
    if (!raw) {
      return undefined;
    }
    const parsed = JSON.parse(raw);
    if (parsed?.provider === 'guest') {
      return { provider: 'guest' };
    }
    if (
      parsed?.provider === 'development' &&
      typeof parsed.userName === 'string' &&
      isValidCatalogUserName(parsed.userName)
    ) {
      return { provider: 'development', userName: parsed.userName };
    }
  } catch {
    // Unreadable: sign in again.
  }
  return undefined;
}

export function saveSignInChoice(choice: SignInChoice) {
  window.localStorage.setItem(SIGN_IN_CHOICE_KEY, JSON.stringify(choice));
}

export function clearSignInChoice() {
  window.localStorage.removeItem(SIGN_IN_CHOICE_KEY);
}
