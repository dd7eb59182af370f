import { Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answers, EventView, RegistrationView } from '@wutong/shared';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { FormError } from '../../shared/FormError';
import { useAuth } from '../../shared/session/auth-context';
import { VerifyLink } from '../../shared/VerifyBanner';
import { eventsApi } from './api';
import { QuestionField } from './QuestionField';
import { RegistrationOutcome } from './RegistrationOutcome';

interface Props {
  event: EventView;
  open: boolean;
  onClose: () => void;
  /** Called with the registration the API answered (new or the existing one). */
  onRegistered: (registration: RegistrationView) => void;
}

function cleanAnswers(answers: Answers | undefined): Answers {
  const out: Answers = {};
  for (const [id, value] of Object.entries(answers ?? {})) {
    if (Array.isArray(value)) {
      if (value.length > 0) out[id] = value;
    } else if (typeof value === 'string' && value.trim()) {
      out[id] = value.trim();
    }
  }
  return out;
}

/** A short question that asks for the company (公司名称, 企业, 单位, Company…). */
const COMPANY_QUESTION = /公司|企业|单位|机构|company|organi[sz]ation|employer/i;

/**
 * What the form starts with: my answers of an earlier registration of this event (registering again
 * after cancelling), else my company from the profile for a question that asks for it.
 */
export function prefilledAnswers(event: EventView, companyName: string | null): Answers {
  const previous = event.myRegistration?.answers ?? {};
  const out: Answers = {};
  for (const q of event.questions) {
    if (previous[q.id] !== undefined) out[q.id] = previous[q.id];
    else if (companyName && q.kind === 'short_text' && COMPANY_QUESTION.test(q.label))
      out[q.id] = companyName;
  }
  return out;
}

/** The registration form (the event's questions), then the outcome. */
export function RegisterDialog({ event, open, onClose, onRegistered }: Props) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [form] = Form.useForm<{ answers?: Answers }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<RegistrationView | null>(null);

  const submit = async (values: { answers?: Answers }) => {
    setBusy(true);
    setError(null);
    setFailure(null);
    try {
      const registration = await eventsApi.register(event.id, { answers: cleanAnswers(values.answers) });
      setResult(registration);
      onRegistered(registration);
    } catch (e) {
      const known = event.questions.map((q) => ['answers', q.id]);
      setFailure(e);
      setError(applyFieldErrors(t, form, e, known) ? null : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setResult(null);
    setError(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      onCancel={close}
      title={result ? null : t('events.registerTitle', { title: event.title })}
      footer={
        result
          ? null
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="submit"
                type="primary"
                loading={busy}
                onClick={() => form.submit()}
                data-testid="confirm-register"
              >
                {t('events.confirmRegister')}
              </Button>,
            ]
      }
      destroyOnHidden
      data-testid="register-dialog"
    >
      {result ? (
        <RegistrationOutcome registration={result} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          name="register"
          initialValues={{ answers: prefilledAnswers(event, user?.company?.name ?? null) }}
          onFinish={(v) => void submit(v)}
        >
          {event.questions.length === 0 ? (
            <Typography.Paragraph>{t('events.noQuestions')}</Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary">{t('events.questionsIntro')}</Typography.Paragraph>
          )}
          {event.questions.map((question) => (
            <QuestionField key={question.id} question={question} />
          ))}
          {event.approvalRequired && (
            <Typography.Paragraph type="secondary">{t('events.approvalNote')}</Typography.Paragraph>
          )}
          <FormError message={error} />
          <VerifyLink error={failure} />
        </Form>
      )}
    </Modal>
  );
}
