/** Every command module; each registers its options cheaply and loads its work when run. */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import * as complaint from './complaint.js';
import * as customer from './customer.js';
import * as demo from './demo.js';

export const COMMANDS: ((program: Command, run: RunCommand) => void)[] = [customer.register, demo.register, complaint.register];
