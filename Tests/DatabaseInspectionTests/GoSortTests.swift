// GoSort against Go itself: Tests/Fixtures/inspect/go-sort-slice.json holds how Go's sort.Slice ordered arrays of
// small keys (written by `go run ./tools/go-sort-vectors`); the port must leave every array in the same order.
import Foundation
import Testing

@testable import DatabaseInspection

@Suite struct GoSortTests {
  struct Vector: Decodable {
    var keys: [Int]
    var order: [Int]
  }

  @Test func matchesGoSortSlice() throws {
    let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("go-sort-slice.json"))
    let vectors = try JSONDecoder().decode([Vector].self, from: data)
    #expect(vectors.count > 500)
    // Unstable orders must be among them, or the vectors would not test what Atlas needs.
    let unstable = vectors.filter { vector in
      vector.order != vector.keys.indices.sorted { (vector.keys[$0], $0) < (vector.keys[$1], $1) }
    }
    #expect(unstable.count > 100)
    for vector in vectors {
      var positions = Array(vector.keys.indices)
      GoSort.slice(&positions) { vector.keys[$0] < vector.keys[$1] }
      #expect(positions == vector.order, "keys \(vector.keys)")
    }
  }
}
