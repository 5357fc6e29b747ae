// Placeholder until this page is built.
export default function Page() {
  return (
    <main className="page" id="main">
      <h1>participants-import</h1>
    </main>
  );
}
