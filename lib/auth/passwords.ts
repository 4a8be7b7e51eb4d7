import bcrypt from 'bcryptjs';
import { bcryptCost } from '@/lib/config/runtime';


export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, bcryptCost());
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
