import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { INTAKE_QUESTION_KINDS, MAX_INTAKE_QUESTIONS } from '@wutong/shared';

/**
 * The questions a mentor asks at booking (a Form.List named `intakeQuestions` inside the profile
 * form): a label, text / choice / link, the choices, and whether an answer is required.
 */
export function IntakeQuestionsEditor() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('intake.title')} extra={t('intake.help')}>
      <Form.List name="intakeQuestions">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Card size="small" key={field.key} data-testid="intake-question">
                <Flex vertical gap={4}>
                  <Flex gap={8} align="start">
                    <Form.Item
                      name={[field.name, 'label']}
                      style={{ flex: 1, margin: 0 }}
                      rules={[
                        { required: true, whitespace: true, message: t('intake.labelRequired') },
                        { max: 200 },
                      ]}
                    >
                      <Input
                        placeholder={t('intake.labelPlaceholder')}
                        aria-label={t('intake.labelOf', { n: i + 1 })}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('intake.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                  <Flex gap={12} wrap align="center">
                    <Form.Item name={[field.name, 'kind']} style={{ margin: 0, width: 140 }}>
                      <Select
                        aria-label={t('intake.kind')}
                        options={INTAKE_QUESTION_KINDS.map((k) => ({
                          value: k,
                          label: t(`intake.kinds.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'required']}
                      valuePropName="checked"
                      style={{ margin: 0 }}
                      label={t('intake.required')}
                    >
                      <Switch size="small" />
                    </Form.Item>
                  </Flex>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) =>
                      getFieldValue(['intakeQuestions', field.name, 'kind']) === 'choice' && (
                        <Form.Item
                          name={[field.name, 'options']}
                          style={{ margin: 0 }}
                          rules={[
                            {
                              validator: (_, v: string[] | undefined) =>
                                (v?.length ?? 0) >= 2
                                  ? Promise.resolve()
                                  : Promise.reject(new Error(t('intake.twoChoices'))),
                            },
                          ]}
                        >
                          <Select
                            mode="tags"
                            maxCount={10}
                            open={false}
                            suffixIcon={null}
                            aria-label={t('intake.options')}
                            placeholder={t('intake.optionsPlaceholder')}
                          />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                </Flex>
              </Card>
            ))}
            {fields.length < MAX_INTAKE_QUESTIONS ? (
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ label: '', kind: 'text', required: false })}
                style={{ alignSelf: 'flex-start' }}
                data-testid="add-intake-question"
              >
                {t('intake.add')}
              </Button>
            ) : (
              <Typography.Text type="secondary">
                {t('intake.max', { max: MAX_INTAKE_QUESTIONS })}
              </Typography.Text>
            )}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
