import { dropDatabase } from './databases';
import { contractSummary } from './openapi-contract';

/** Drops the shared template once (the first project to tear down), then prints the contract summary. */
export default async function teardown(): Promise<void> {
  const template = process.env.WUTONG_TEST_TEMPLATE;
  if (template) {
    delete process.env.WUTONG_TEST_TEMPLATE;
    await dropDatabase(template);
  }
  const summary = contractSummary();
  if (summary) process.stdout.write(`\n${summary}\n`);
}
