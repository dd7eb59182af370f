import { Button, Card, Flex, Form, Input, Select, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_QUESTIONS, QUESTION_KINDS } from '@wutong/shared';
import type { QuestionKind } from '@wutong/shared';
import { CHOICE_KINDS } from './eventForm';

/** Registration questions: kind, label, required, and the choices of choice questions. */
export function QuestionsEditor() {
  const { t } = useTranslation();

  return (
    <Form.List name="questions">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid="questions-editor">
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('manageEvents.questionNumber', { n: index + 1 })}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('manageEvents.removeQuestion')}
                />
              }
              data-testid="question-row"
            >
              <Form.Item name={[field.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Flex gap={8} wrap align="flex-end">
                <Form.Item
                  name={[field.name, 'label']}
                  label={t('manageEvents.questionLabel')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('manageEvents.rules.questionLabelRequired'),
                    },
                  ]}
                  className="wt-grow"
                >
                  <Input
                    maxLength={200}
                    placeholder={t('manageEvents.questionLabelPlaceholder')}
                    data-testid="question-label"
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'kind']}
                  label={t('manageEvents.questionKind')}
                  style={{ minWidth: 140 }}
                >
                  <Select<QuestionKind>
                    options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`questionKind.${k}`) }))}
                    data-testid="question-kind"
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'required']}
                  label={t('manageEvents.questionRequired')}
                  valuePropName="checked"
                >
                  <Switch data-testid="question-required" />
                </Form.Item>
              </Flex>
              <Form.Item noStyle dependencies={[['questions', field.name, 'kind']]}>
                {({ getFieldValue }) =>
                  CHOICE_KINDS.includes(getFieldValue(['questions', field.name, 'kind']) as QuestionKind) && (
                    <Form.Item
                      name={[field.name, 'options']}
                      label={t('manageEvents.questionOptions')}
                      extra={t('manageEvents.questionOptionsHelp')}
                      rules={[
                        {
                          validator: (_r, options: string[] | undefined) =>
                            (options ?? []).filter((o) => o.trim()).length >= 2
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('manageEvents.rules.optionsRequired'))),
                        },
                      ]}
                      style={{ marginBottom: 0 }}
                    >
                      <Select
                        mode="tags"
                        open={false}
                        tokenSeparators={[',', '，', '、']}
                        suffixIcon={null}
                      />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </Card>
          ))}
          {fields.length < MAX_QUESTIONS && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'short_text', label: '', required: false })}
              data-testid="add-question"
            >
              {t('manageEvents.addQuestion')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
