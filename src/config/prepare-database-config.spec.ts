import { readPrepareDatabaseConfig } from './prepare-database-config';

const ADMIN = 'postgres://movies:admin-secret@db:5432/postgres';

describe('readPrepareDatabaseConfig', () => {
  it("reads the app's role, password and database from DATABASE_URL, decoded", () => {
    expect(
      readPrepareDatabaseConfig({
        ADMIN_DATABASE_URL: ADMIN,
        DATABASE_URL: 'postgres://movies_app:a%20p%40ss@db:5432/movies',
      }),
    ).toEqual({ adminUrl: ADMIN, role: 'movies_app', password: 'a p@ss', database: 'movies' });
  });

  it('says which variable to set, and to what', () => {
    expect(() => readPrepareDatabaseConfig({ DATABASE_URL: 'postgres://a:b@db/m' })).toThrow(
      'ADMIN_DATABASE_URL is unset: set it to a superuser',
    );
    expect(() => readPrepareDatabaseConfig({ ADMIN_DATABASE_URL: ADMIN })).toThrow(
      "DATABASE_URL is unset: set it to the app's own role and database",
    );
    expect(() =>
      readPrepareDatabaseConfig({ ADMIN_DATABASE_URL: 'db:5432', DATABASE_URL: 'x' }),
    ).toThrow('ADMIN_DATABASE_URL is not a postgres:// URL');
    expect(() =>
      readPrepareDatabaseConfig({ ADMIN_DATABASE_URL: ADMIN, DATABASE_URL: 'x' }),
    ).toThrow('DATABASE_URL is not a URL');
  });

  it('refuses an app URL without a password or database, or naming the superuser', () => {
    for (const url of [
      'postgres://movies_app@db:5432/movies',
      'postgres://movies_app:pw@db:5432',
    ]) {
      expect(() =>
        readPrepareDatabaseConfig({ ADMIN_DATABASE_URL: ADMIN, DATABASE_URL: url }),
      ).toThrow('DATABASE_URL must name a role, its password and a database');
    }
    expect(() =>
      readPrepareDatabaseConfig({
        ADMIN_DATABASE_URL: ADMIN,
        DATABASE_URL: 'postgres://movies:pw@db:5432/movies',
      }),
    ).toThrow('names the superuser of ADMIN_DATABASE_URL');
  });
});
