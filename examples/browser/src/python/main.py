import json
import sys

print(f"Python {sys.version.split()[0]} on rt, arguments {sys.argv[1:]}")
with open("/order.json") as f:
    order = json.load(f)
total = sum(item["price"] * item["qty"] for item in order)
print(f"{len(order)} items, total {total:.2f}")
name = input("your name? ")
print(f"hello, {name}!")
with open("/receipt.txt", "w") as f:
    f.write(f"{name}: {total:.2f}\n")
