"""In-place random fills, bernoulli, multinomial and the random *_like factories."""
from case import make_case_list

CASES, case = make_case_list()

case("uniform_ and normal_ on fresh tensors, contiguous and transposed", """
torch.manual_seed(0)
print(torch.empty(3, 4).uniform_(-2, 3))
print(torch.empty(20).normal_(1.5, 0.5))
print(torch.empty(8, 4).t().normal_())
print(torch.empty(3, 2, dtype=torch.float64).uniform_())
print(torch.empty(5).normal_(0, 2))
""", """
torch.manual_seed(0)
print(torch.empty(3, 4).uniform_(-2, 3))
print(torch.empty(20).normal_(1.5, 0.5))
print(torch.empty(8, 4).t().normal_())
print(torch.empty(3, 2, {dtype: torch.float64}).uniform_())
print(torch.empty(5).normal_(0, 2))
""")

case("bernoulli, random_, multinomial, *_like", """
torch.manual_seed(1)
print(torch.empty(10).bernoulli_(0.3))
print(torch.bernoulli(torch.full((8,), 0.5)))
print(torch.empty(6, dtype=torch.int64).random_(0, 10))
print(torch.empty(4, dtype=torch.int64).random_(100))
print(torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 6, replacement=True))
print(torch.multinomial(torch.tensor([[1., 2., 3.], [3., 2., 1.]]), 2))
x = torch.zeros(2, 3)
print(torch.rand_like(x), torch.randn_like(x), torch.randint_like(x, 5))
""", """
torch.manual_seed(1)
print(torch.empty(10).bernoulli_(0.3))
print(torch.bernoulli(torch.full([8], 0.5)))
print(torch.empty(6, {dtype: torch.int64}).random_(0, 10))
print(torch.empty(4, {dtype: torch.int64}).random_(100))
print(torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 6, true))
print(torch.multinomial(torch.tensor([[1, 2, 3], [3, 2, 1]], {dtype: torch.float32}), 2))
const x = torch.zeros(2, 3)
print(torch.rand_like(x), torch.randn_like(x), torch.randint_like(x, 5))
""")

case("Generator objects, seed state, initial_seed", """
g = torch.Generator().manual_seed(42)
print(torch.rand(3, generator=g), g.initial_seed())
torch.manual_seed(7)
print(torch.initial_seed())
s = torch.get_rng_state()
a = torch.randn(4)
torch.set_rng_state(s)
print(torch.equal(a, torch.randn(4)))
print(torch.randint(3, 10, (2, 3)), torch.randperm(8))
""", """
const g = new torch.Generator().manual_seed(42)
print(torch.rand(3, {generator: g}), g.initial_seed())
torch.manual_seed(7)
print(torch.initial_seed())
const s = torch.get_rng_state()
const a = torch.randn(4)
torch.set_rng_state(s)
print(torch.equal(a, torch.randn(4)))
print(torch.randint(3, 10, [2, 3]), torch.randperm(8))
""")
