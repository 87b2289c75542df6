/** `npm run dev -- ARGS`: crm from the TypeScript sources (tsx), without building dist/. */
import { main } from '../src/cli.js';

process.exitCode = await main(process.argv);
