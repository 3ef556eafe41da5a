// go-sort-vectors prints, as JSON, how Go's sort.Slice orders arrays of small integer keys: the permutation of the
// original positions after sorting by key. Atlas orders its planned changes with sort.Slice, which is not stable
// above 12 elements, so Mercator's SQL writer reproduces it; Tests/Fixtures/inspect/go-sort-slice.json holds the
// output of `go run ./tools/go-sort-vectors` and the Swift test checks the port against it.
package main

import (
	"encoding/json"
	"math/rand"
	"os"
	"sort"
)

type vector struct {
	Keys  []int `json:"keys"`
	Order []int `json:"order"`
}

func main() {
	r := rand.New(rand.NewSource(1))
	var vectors []vector
	for n := 0; n <= 120; n++ {
		for _, spread := range []int{1, 2, 3, 5, 50} {
			keys := make([]int, n)
			for i := range keys {
				keys[i] = r.Intn(spread)
			}
			// Shapes the planner produces: mostly zero (tables outside any reference), a few ranked ones.
			if spread == 50 {
				for i := range keys {
					if r.Intn(3) > 0 {
						keys[i] = 0
					}
				}
			}
			order := make([]int, n)
			for i := range order {
				order[i] = i
			}
			sort.Slice(order, func(i, j int) bool { return keys[order[i]] < keys[order[j]] })
			vectors = append(vectors, vector{Keys: keys, Order: order})
		}
	}
	encoder := json.NewEncoder(os.Stdout)
	if err := encoder.Encode(vectors); err != nil {
		panic(err)
	}
}
