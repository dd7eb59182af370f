import { App } from 'antd';
import type { useAppProps } from 'antd/es/app/context';
import { useEffect } from 'react';

function Report({ onReady }: { onReady: (api: useAppProps) => void }) {
  const api = App.useApp();
  useEffect(() => onReady(api), [api, onReady]);
  return null;
}

/** antd's message, modal and notification holders (see Feedback): loaded after the first screen. */
export function FeedbackHolders({ onReady }: { onReady: (api: useAppProps) => void }) {
  return (
    <App component={false}>
      <Report onReady={onReady} />
    </App>
  );
}
