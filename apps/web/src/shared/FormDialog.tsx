import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api/errors';

export interface FormDialogProps<V> {
  form: FormInstance<V>;
  /** The form's name (field ids start with it). */
  name: string;
  title: ReactNode;
  okText: string;
  /** data-testid of the OK button. */
  okTestId?: string;
  danger?: boolean;
  /** Shown above the form. */
  intro?: ReactNode;
  initialValues?: Partial<V>;
  /** Sends the form. When it resolves the success text shows and the dialog closes as saved. */
  onSubmit: (values: V) => Promise<unknown>;
  successText: string;
  onClose: (saved: boolean) => void;
  children: ReactNode;
}

/**
 * A dialog around one form: OK validates and sends it with the button busy; a refusal is shown as a
 * message and the dialog stays open with what was typed.
 */
export function FormDialog<V>({
  form,
  name,
  title,
  okText,
  okTestId,
  danger,
  intro,
  initialValues,
  onSubmit,
  successText,
  onClose,
  children,
}: FormDialogProps<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (values: V) => {
    setBusy(true);
    try {
      await onSubmit(values);
      void message.success(successText);
      onClose(true);
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': okTestId } as never}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {intro}
      <Form<V>
        form={form}
        layout="vertical"
        name={name}
        requiredMark={false}
        initialValues={initialValues}
        onFinish={(v) => void submit(v)}
      >
        {children}
      </Form>
    </Modal>
  );
}
