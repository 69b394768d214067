import { PGlite } from '@electric-sql/pglite';
let t=Date.now(); const a = new PGlite(); await a.query('select 1'); console.log('mem open', Date.now()-t);
t=Date.now(); const b = new PGlite(); await b.query('select 1'); console.log('mem open 2', Date.now()-t);
t=Date.now(); const dump = await a.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size);
t=Date.now(); const c = new PGlite({loadDataDir: dump}); await c.query('select 1'); console.log('load', Date.now()-t);
t=Date.now(); const d = new PGlite('/tmp/pgl-test-'+Date.now()); await d.query('select 1'); console.log('fs open', Date.now()-t);
