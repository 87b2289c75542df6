/** Every command module; each registers its options cheaply and loads its work when run. */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import * as addSale from './add-sale.js';
import * as announce from './announce.js';
import * as complaint from './complaint.js';
import * as classify from './classify.js';
import * as backup from './backup.js';
import * as customer from './customer.js';
import * as demo from './demo.js';
import * as doctor from './doctor.js';
import * as exportCommand from './export.js';
import * as followup from './followup.js';
import * as review from './review.js';
import * as rules from './rules.js';
import * as remind from './remind.js';
import * as survey from './survey.js';
import * as importCommand from './import.js';
import * as today from './today.js';

export const COMMANDS: ((program: Command, run: RunCommand) => void)[] = [
  demo.register,
  customer.register,
  addSale.register,
  today.register,
  followup.register,
  complaint.register,
  rules.register,
  announce.register,
  remind.register,
  classify.register,
  review.register,
  survey.register,
  importCommand.register,
  exportCommand.register,
  backup.register,
  doctor.register,
];
