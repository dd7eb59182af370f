import { Alert } from 'antd';

/** The error a form submission ended with, shown above the submit button. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert
      type="error"
      title={message}
      showIcon
      style={{ marginBottom: 16 }}
      role="alert"
      data-testid="form-error"
    />
  );
}
