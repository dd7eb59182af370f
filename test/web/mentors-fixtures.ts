import { Client } from 'pg';
import { databaseUrl } from '../support/databases';
import { uniqueEmail } from './browser';
import { verifyByMail } from './events-fixtures';

const PASSWORD = 'wutong-e2e-passw0rd';

/** Signs up through the API and confirms the mailed code (booking needs a verified account). */
export async function signupApi(base: string, displayName: string): Promise<{ id: string; token: string }> {
  const email = uniqueEmail('mentors');
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, displayName }),
  });
  if (!res.ok) throw new Error(`signup: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; accessToken: string };
  await verifyByMail(base, email, body.accessToken);
  return { id: body.user.id, token: body.accessToken };
}

/** The browser tests' app has no admin: the role is granted in its database, as an admin would. */
export async function makeMentorRole(userId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(process.env.WUTONG_WEB_DB!) });
  await client.connect();
  try {
    await client.query(`UPDATE users SET roles = array_append(roles, 'mentor') WHERE id = $1`, [userId]);
  } finally {
    await client.end();
  }
}
