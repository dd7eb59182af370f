import { Checkbox, Form, Input, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuestionView } from '@wutong/shared';

/** One registration question as a form field named `answers.<id>`. */
export function QuestionField({ question }: { question: QuestionView }) {
  const { t } = useTranslation();
  const rules = question.required
    ? [
        {
          required: true,
          whitespace: question.kind === 'short_text' || question.kind === 'long_text',
          message: t('events.answerRequired'),
        },
      ]
    : [];
  const name = ['answers', question.id];
  const common = { name, label: question.label, rules, required: question.required };

  switch (question.kind) {
    case 'short_text':
      return (
        <Form.Item {...common}>
          <Input maxLength={500} />
        </Form.Item>
      );
    case 'long_text':
      return (
        <Form.Item {...common}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount />
        </Form.Item>
      );
    case 'single_choice':
      return (
        <Form.Item {...common}>
          <Radio.Group>
            <Space orientation="vertical">
              {question.options.map((option) => (
                <Radio key={option} value={option}>
                  {option}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      );
    case 'multiple_choice':
      return (
        <Form.Item {...common}>
          <Checkbox.Group>
            <Space orientation="vertical">
              {question.options.map((option) => (
                <Checkbox key={option} value={option}>
                  {option}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      );
  }
}
