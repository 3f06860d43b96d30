// Scratch PostgreSQL databases for the benchmarks: created on the server of an admin URL, dropped after.
import pg from 'pg';

const run = async (adminUrl, sql) => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** Creates database `name` (letters, digits, `_`) and returns its URL. */
export const createScratchDatabase = async (adminUrl, name) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad scratch database name ${name}`);
  await run(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
};

/** Drops database `name`, closing its sessions. */
export const dropScratchDatabase = (adminUrl, name) => run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
