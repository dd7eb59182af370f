// `npm run migration:run | migration:revert | migration:generate -- Name | migration:create -- Name`
// The TypeORM CLI on the compiled data source (apps/api/src/database/data-source.ts), which reads the
// same validated configuration as the app: DATABASE_URL must be set.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [command, name] = process.argv.slice(2);
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const folder = 'apps/api/src/database/migrations';

if (command === 'create') {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('usage: npm run migration:create -- PascalCaseName');
  const ts = Date.now();
  const file = `${folder}/${ts}-${name}.ts`;
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
  );
  console.log(`created ${file}: write up and down, then add ${name}${ts} to ${folder}/index.ts`);
  process.exit(0);
}

if (!env.DATABASE_URL) {
  console.error(
    'DATABASE_URL is not set: migrations need the database to work on (npm start migrates the embedded one by itself)',
  );
  process.exit(1);
}
run('npx', ['nx', 'run', 'api:build', '--outputStyle=static']);
const dataSource = ['-d', 'dist/apps/api/database/data-source.js'];
if (command === 'run') run('npx', ['typeorm', 'migration:run', ...dataSource]);
else if (command === 'revert') run('npx', ['typeorm', 'migration:revert', ...dataSource]);
else if (command === 'show') run('npx', ['typeorm', 'migration:show', ...dataSource]);
else if (command === 'generate') {
  if (!name) throw new Error('usage: npm run migration:generate -- PascalCaseName');
  // TypeORM compares entities with the database. Indexes, CHECKs and foreign keys live only in the
  // migrations, so review the output and delete the DROP statements it proposes for them.
  run('npx', ['typeorm', 'migration:generate', `${folder}/${name}`, ...dataSource, '--pretty']);
  console.log(`review the generated file, then add its class to ${folder}/index.ts`);
} else {
  console.error('usage: node scripts/migration.mjs run|revert|show|generate <Name>|create <Name>');
  process.exit(1);
}
