import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_LOCALE,
  EVENT_TYPE_NAMES,
  EVENT_TYPES,
  EXPERTISE_NAMES,
  EXPERTISE_TAGS,
  LOCALES,
  MENTOR_CATEGORIES,
  MENTOR_CATEGORY_NAMES,
} from '@wutong/shared';
import type { Locale } from '@wutong/shared';
import zhCN from './zh-CN.json';

const STORAGE_KEY = 'wutong.locale';

/** The words shared with the API (event types, expertise tags, mentor categories: one table each in @wutong/shared). */
function withShared(words: object, locale: Locale) {
  return {
    ...words,
    eventType: Object.fromEntries(EVENT_TYPES.map((type) => [type, EVENT_TYPE_NAMES[type][locale]])),
    expertise: Object.fromEntries(EXPERTISE_TAGS.map((tag) => [tag, EXPERTISE_NAMES[tag][locale]])),
    mentorCategory: Object.fromEntries(MENTOR_CATEGORIES.map((c) => [c, MENTOR_CATEGORY_NAMES[c][locale]])),
  };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language chosen on this device (the switch, or an earlier sign-in), if any. */
function chosenLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** A first visit follows the browser: Chinese for any zh-*, English for any other language it lists first. */
function browserLocale(): Locale {
  const first =
    typeof navigator === 'undefined' ? undefined : (navigator.languages?.[0] ?? navigator.language);
  if (!first) return DEFAULT_LOCALE;
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Whether someone chose the language on this device: then it wins over an account's at sign-in. */
export function hasChosenLocale(): boolean {
  return chosenLocale() !== null;
}

function storedLocale(): Locale {
  return chosenLocale() ?? browserLocale();
}

/** The language the interface speaks right now. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/**
 * The words of a language that is not built in: English arrives as its own chunk when first needed,
 * so the many who read Chinese do not download it (docs/benchmarks.md, initial JS).
 */
const LOADERS: Partial<Record<Locale, () => Promise<{ default: object }>>> = {
  en: () => import('./en.json'),
};

async function ensureWords(locale: Locale): Promise<void> {
  const load = LOADERS[locale];
  if (!load || i18n.hasResourceBundle(locale, 'translation')) return;
  i18n.addResourceBundle(locale, 'translation', withShared((await load()).default, locale));
}

/** Switches the interface language and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
    // The server renders public pages in the language chosen here (apps/api/src/public-pages).
    document.cookie = `${STORAGE_KEY}=${encodeURIComponent(locale)}; path=/; max-age=31536000; samesite=lax`;
  } catch {
    // storage may be unavailable (private mode); the switch still applies to this visit
  }
  await ensureWords(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

function syncDocument(locale: string): void {
  document.documentElement.lang = locale;
  document.title = i18n.t('app.title');
}

i18n.on('languageChanged', syncDocument);

const startLocale = storedLocale();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: withShared(zhCN, 'zh-CN') } },
  // Until English has arrived the interface stays Chinese; `i18nReady` resolves once it has.
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
});

syncDocument(i18n.language);

/** Resolves when the words of the language this device reads have loaded; the app renders after it. */
export const i18nReady: Promise<void> =
  startLocale === DEFAULT_LOCALE
    ? Promise.resolve()
    : ensureWords(startLocale)
        .then(() => i18n.changeLanguage(startLocale))
        .then(() => undefined)
        .catch(() => undefined); // a chunk that failed to load: Chinese, rather than nothing

export default i18n;
