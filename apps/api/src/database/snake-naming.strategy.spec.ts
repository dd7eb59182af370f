import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();
  it('maps camelCase properties to the snake_case columns the migrations create', () => {
    expect(naming.columnName('seatsTaken', undefined, [])).toBe('seats_taken');
    expect(naming.columnName('nextAttemptAt', undefined, [])).toBe('next_attempt_at');
    expect(naming.columnName('id', undefined, ['company'])).toBe('company_id');
    expect(naming.columnName('x', 'custom_name', [])).toBe('custom_name');
    expect(naming.tableName('OutboxMessage', undefined)).toBe('outbox_message');
    expect(naming.tableName('OutboxMessage', 'outbox_messages')).toBe('outbox_messages');
  });
});
