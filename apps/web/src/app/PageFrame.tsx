import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';

/** Where the skip link lands: the page's main content. */
export const MAIN_ID = 'main';

/**
 * The first stop of the keyboard on every page: straight to the content, past header and menu.
 * Hidden until it has the focus.
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="wt-skip-link" href={`#${MAIN_ID}`} data-testid="skip-link">
      {t('a11y.skipToContent')}
    </a>
  );
}

/**
 * The document's title follows the page: "<the page's h1> · 梧桐". Every page names itself in one
 * h1 (wt-page-title); this keeps the tab, history and screen readers' page name in step with it.
 */
export function DocumentTitle() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  useEffect(() => {
    const app = t('app.name');
    const update = () => {
      const name = document.querySelector('h1')?.textContent?.trim();
      const title = name && name !== app ? `${name} · ${app}` : app;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [pathname, t, i18n.language]);
  return null;
}
