export function meta() {
  return [{ title: 'Sign in — Trustloop' }];
}

export default function SignIn() {
  return (
    <main className="page" id="main">
      <h1>Sign in</h1>
    </main>
  );
}
