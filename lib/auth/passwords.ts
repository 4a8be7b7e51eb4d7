import bcrypt from 'bcryptjs';

/** bcrypt work factor: 12 by default (about a quarter second); tests lower it with BCRYPT_COST. */
function cost(): number {
  const configured = Number(process.env.BCRYPT_COST);
  return Number.isInteger(configured) && configured >= 4 && configured <= 15 ? configured : 12;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
