/**
 * 003 §2.2.1: the engineer sent on site is one of the customer's region qualified for the product model, else
 * one of that region for general work. Undefined when nobody fits (staff then name one).
 */
export interface Engineer {
  name: string;
  region: string;
  qualifications: string[];
}

export interface MatchedEngineer {
  name: string;
  region: string;
  qualification: string;
}

export function matchEngineer(
  engineers: readonly Engineer[],
  region: string | undefined,
  productModel: string,
): MatchedEngineer | undefined {
  if (!region) return undefined;
  const local = engineers.filter((e) => e.region.toLowerCase() === region.toLowerCase());
  const specialist = local.find((e) => e.qualifications.includes(productModel));
  if (specialist) return { name: specialist.name, region: specialist.region, qualification: productModel };
  const generalist = local.find((e) => e.qualifications.includes('general'));
  return generalist ? { name: generalist.name, region: generalist.region, qualification: 'general' } : undefined;
}
