import { DatePicker } from 'antd';
import type { DatePickerProps } from 'antd';

export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * A date and time picker for wall clocks of the carrier's zone. Enter confirms the typed value
 * without also submitting the surrounding form.
 */
export function DateTimeInput(props: DatePickerProps) {
  return (
    <DatePicker
      showTime={{ format: 'HH:mm', minuteStep: 5 }}
      format={DATE_TIME_FORMAT}
      style={{ width: '100%' }}
      {...props}
      onKeyDown={(event, preventDefault) => {
        if (event.key === 'Enter') event.preventDefault();
        props.onKeyDown?.(event, preventDefault);
      }}
    />
  );
}
