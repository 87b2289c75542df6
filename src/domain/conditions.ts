/**
 * A rule's `if`: whether it applies to a sale, from the sale, the buyer, their referrer and their
 * value tier and strategy. Every condition given must hold; `any` holds when one of its own does.
 */
import type { Condition, PlanInput, Rule } from './playbook.js';

function holds(c: Condition, input: PlanInput): boolean {
  const { customer, sale } = input;
  if (c.verbal !== undefined && c.verbal !== sale.verbal) return false;
  if (c.referred !== undefined && c.referred !== Boolean(input.referrer)) return false;
  if (c.firstPurchase !== undefined && c.firstPurchase !== ((input.firstSaleId ?? sale.id) === sale.id)) return false;
  if (c.tagsAny && !c.tagsAny.some((t) => customer.tags.includes(t))) return false;
  if (c.channels && !c.channels.includes(sale.channel ?? customer.channel ?? '')) return false;
  if (c.minAmount !== undefined && sale.amountCents < c.minAmount * 100) return false;
  if (c.maxAmount !== undefined && sale.amountCents > c.maxAmount * 100) return false;
  if (c.productContains && !c.productContains.some((p) => sale.product.toLowerCase().includes(p.toLowerCase()))) return false;
  if (c.tiers && !(input.tier && c.tiers.includes(input.tier))) return false;
  if (c.strategies && !(input.strategy && c.strategies.includes(input.strategy))) return false;
  if (c.notTiers && input.tier && c.notTiers.includes(input.tier)) return false;
  if (c.notStrategies && input.strategy && c.notStrategies.includes(input.strategy)) return false;
  if (c.any && !c.any.some((alt) => holds(alt, input))) return false;
  return true;
}

export function matches(rule: Rule, input: PlanInput): boolean {
  return !rule.if || holds(rule.if, input);
}
