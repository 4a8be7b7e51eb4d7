import { encode } from 'next-auth/jwt';

/** The Cookie header of a signed-in next-auth session for a user, as the browser would send it. */
export async function sessionCookie(userId: string, maxAge = 3600, signedInAt = Math.floor(Date.now() / 1000)): Promise<string> {
  const token = await encode({ token: { uid: userId, sub: userId, authAt: signedInAt }, secret: process.env.NEXTAUTH_SECRET!, maxAge });
  return `next-auth.session-token=${token}`;
}

export function basicAuth(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
}
