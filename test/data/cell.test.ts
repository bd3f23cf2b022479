import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { notebookSession } from "../session/fixtures.js";
import { recordingSink } from "../session/sink.js";

// generate_data_goldens.py runs the same program in real PyTorch 1.13 and records what it prints.
const G = JSON.parse(readFileSync(new URL("./data_goldens.json", import.meta.url), "utf8"));

test("a notebook cell with tutorial code (device idiom, Dataset subclass, DataLoader, save/load) prints what PyTorch prints", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "gradlab-cell-")), "cell.pt");
  const s = notebookSession();
  const sink = recordingSink();
  const code = `
const device = torch.cuda.is_available() ? "cuda" : "cpu"
class SquaresCell extends torch.utils.data.Dataset<[number, number]> {
  __len__() { return 5 }
  __getitem__(i: number): [number, number] { return [i * i, i + 0.5] }
}
torch.manual_seed(0)
const X = torch.randn(8, 2).to(device)
const y = torch.arange(8)
const loader = new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(X, y), {batch_size: 3, shuffle: true})
const firsts: number[] = []
for (const [xb, yb] of loader) firsts.push(yb.select(0, 0).item() as number)
const model = new torch.nn.Linear(2, 1).to(device)
torch.save(model.state_dict(), ${JSON.stringify(path)})
model.load_state_dict(torch.load(${JSON.stringify(path)}))
const sq = [...new torch.utils.data.DataLoader(new SquaresCell(), {batch_size: 2})]
print(loader.length, firsts, sq[0][1], X.device, torch.rand(1).item())
`;
  const r = await s.execute(code, sink);
  expect(r, JSON.stringify(r)).toMatchObject({ status: "ok" });
  expect(sink.out.stdout).toBe(G.cell_stdout);
});
