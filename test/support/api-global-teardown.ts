import { dropDatabase } from './databases';

export default async function teardown(): Promise<void> {
  if (process.env.WUTONG_TEST_TEMPLATE) await dropDatabase(process.env.WUTONG_TEST_TEMPLATE);
}
