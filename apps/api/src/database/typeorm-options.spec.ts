import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { User } from '../users/user.entity';
import { typeormOptions } from './typeorm-options';

/**
 * The `findOneBy({ id: undefined })` footgun: when TypeORM skips an undefined where-value, the query
 * has no condition and returns the first row — another user's account for a missing id. The app's
 * options make such a value throw. No connection is needed: the check runs while the query is built.
 */
describe('typeormOptions: invalid where-values', () => {
  const build = async (behavior?: 'ignore') => {
    const options = typeormOptions({
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      databasePoolSize: 1,
    });
    const ds = new DataSource(
      behavior
        ? { ...options, invalidWhereValuesBehavior: { null: behavior, undefined: behavior } }
        : options,
    );
    // Entity metadata without connecting (initialize() would open the pool).
    await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    return ds;
  };

  it('pins "throw" for null and undefined', () => {
    const options = typeormOptions({ databaseUrl: 'postgres://x@127.0.0.1/x', databasePoolSize: 1 });
    expect(options.invalidWhereValuesBehavior).toEqual({ null: 'throw', undefined: 'throw' });
  });

  it('rejects findOneBy({ id: undefined }) and findOneBy({ id: null }) before any SQL runs', async () => {
    const ds = await build();
    await expect(ds.manager.findOneBy(User, { id: undefined })).rejects.toThrow(
      /Undefined value encountered in property '.*id' of a where condition/,
    );
    await expect(ds.manager.findOneBy(User, { id: null as unknown as string })).rejects.toThrow(
      /Null value encountered in property '.*id'/,
    );
    await expect(ds.getRepository(User).findBy({ email: undefined })).rejects.toThrow(/Undefined value/);
    await expect(ds.getRepository(User).update({ id: undefined }, { displayName: 'x' })).rejects.toThrow(
      /Undefined value/,
    );
  });

  it('would otherwise drop the condition and match any row (what the option prevents)', async () => {
    const ignoring = await build('ignore');
    const sql = ignoring
      .getRepository(User)
      .createQueryBuilder('u')
      .setFindOptions({ where: { id: undefined } })
      .getQuery();
    expect(sql).not.toMatch(/WHERE/);
    const safe = await build();
    expect(() =>
      safe
        .getRepository(User)
        .createQueryBuilder('u')
        .setFindOptions({ where: { id: undefined } })
        .getQuery(),
    ).toThrow(/Undefined value/);
    // A real value still builds an ordinary parameterised condition.
    expect(
      safe
        .getRepository(User)
        .createQueryBuilder('u')
        .setFindOptions({ where: { id: '00000000-0000-4000-8000-000000000000' } })
        .getQuery(),
    ).toMatch(/WHERE \(\("u"\."id" = :orm_param_0\)\)/);
  });
});
