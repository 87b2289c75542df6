// Loaded with `node --import`: any attempt to load inquirer fails loudly, so a test can show that
// commands which ask nothing never pay for it.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@inquirer/')) throw new Error('inquirer was loaded: ' + specifier);
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
