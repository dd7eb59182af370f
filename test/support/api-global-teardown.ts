import { dropDatabase } from './databases';
import { contractSummary } from './openapi-contract';

export default async function teardown(): Promise<void> {
  if (process.env.WUTONG_TEST_TEMPLATE) await dropDatabase(process.env.WUTONG_TEST_TEMPLATE);
  const summary = contractSummary();
  if (summary) process.stdout.write(`\n${summary}\n`);
}
