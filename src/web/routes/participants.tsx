// Placeholder until this page is built.
export default function Page() {
  return (
    <main className="page" id="main">
      <h1>participants</h1>
    </main>
  );
}
