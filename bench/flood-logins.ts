/**
 * The flood of bench/login-flood.ts, in a process of its own so that its
 * requests do not delay the health probe's: `clients` loops of wrong-password
 * logins until `seconds` have passed, each naming another user from another
 * address. Prints the answers counted by status as JSON.
 *
 *   tsx bench/flood-logins.ts <url> <company> <clients> <seconds>
 */
const [url, company, clients, seconds] = process.argv.slice(2);
const until = Date.now() + Number(seconds) * 1000;
const statuses: Record<number, number> = {};
let sequence = 0;
// Names no earlier run used: the throttle remembers them for 15 minutes.
const run = Date.now().toString(36);

async function client() {
  while (Date.now() < until) {
    const n = ++sequence;
    const res = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": `${run}.${n}`,
      },
      body: JSON.stringify({ company, username: `flood_${run}_${n}`, password: "wrong-password" }),
    });
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
}

await Promise.all(Array.from({ length: Number(clients) }, client));
console.log(JSON.stringify(statuses));
