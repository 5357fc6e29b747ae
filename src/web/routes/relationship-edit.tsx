// Placeholder until this page is built.
export default function Page() {
  return (
    <main className="page" id="main">
      <h1>relationship-edit</h1>
    </main>
  );
}
