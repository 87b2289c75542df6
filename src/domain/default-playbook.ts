/**
 * The default playbook: every row of DOMAIN.md section 2 as data. The purchase day counts as day 1
 * in the 2-5-12 rule (#299), so the calls are close + 1, + 4 and + 11 days.
 */
import type { Rule } from './playbook.js';

export const DEFAULT_RULES: Rule[] = [
  { id: 'thank-you', action: 'note', lesson: '#296', when: { after: 'close' },
    title: 'Send {customer} a handwritten thank-you note for buying {product}' },
  { id: 'written-confirmation', action: 'note', lesson: 'seed 004', when: { after: 'close' }, if: { verbal: true },
    title: 'Send {customer} the written confirmation of the verbal order: {product}, {amount}' },
  { id: 'referral-thanks', action: 'note', lesson: '#312', when: { after: 'close' }, target: 'referrer', if: { referred: true },
    title: 'Thank {referrer} (and reward them) for referring {customer}, who bought {product}' },
  { id: 'supply-check', action: 'check', lesson: 'seed 004', when: { after: 'delivery', days: -2 },
    title: "Check supply for {customer}'s {product}: delivery on {delivery}, quantity and quality will be met" },
  { id: 'usage-check', action: 'call', lesson: 'seed 004, #309', when: { after: 'delivery', days: 1 },
    title: 'Call {customer}: did {product} arrive and is it installed and used right? Offer guidance' },
  { id: 'call-day-2', action: 'call', lesson: '#299', when: { after: 'close', days: 1 },
    title: 'Day-2 call to {customer}: has {product} been used yet? Clear up any doubts' },
  { id: 'call-day-5', action: 'call', lesson: '#299', when: { after: 'close', days: 4 },
    title: 'Day-5 call to {customer}: how is {product} going? Ask about problems and analyse them' },
  { id: 'call-day-12', action: 'call', lesson: '#299', when: { after: 'close', days: 11 },
    title: 'Day-12 call to {customer}: does {product} meet expectations? A related product may help' },
  { id: 'monthly-card', action: 'card', lesson: '#298, #312', when: { monthlyCards: { count: 12, leadDays: 3 } },
    title: 'Send {customer} a card: {theme}' },
  { id: 'birthday', action: 'card', lesson: '#298, seed 001', when: { yearly: 'birthday' },
    title: 'Birthday of {customer} on {date}: send greetings' },
  { id: 'special-day', action: 'card', lesson: 'seed 001', when: { yearly: 'special-days' },
    title: 'Greet {customer} on {label} ({date})' },
  { id: 'holiday-visit', action: 'visit', lesson: '#297', when: { festivals: ['spring-festival', 'mid-autumn'], days: -7 },
    if: { tagsAny: ['important', 'gold'] }, weekend: 'previous-weekday',
    title: 'Visit {customer} with a small gift before {festival}' },
  { id: 'warranty-check', action: 'check', lesson: 'seed 004', when: { after: 'warranty-end', months: -1 },
    title: "Warranty of {customer}'s {product} ends on {warrantyEnd}: check for repair, return or exchange needs" },
  { id: 'repurchase', action: 'call', lesson: 'seed 004', when: { after: 'use-up', days: -7 },
    title: '{customer} will run out of {product} around {useUp}: offer a repurchase' },
  { id: 'proactive-check', action: 'call', lesson: '#302', when: { every: { months: 3 }, count: 4 },
    title: 'Proactive check with {customer}: is everything working, anything we can do?' },
];
