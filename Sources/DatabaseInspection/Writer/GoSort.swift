// The order Go's `sort.Slice` leaves elements in. Atlas sorts its planned changes with it, and above 12 elements
// it is not stable (pattern-defeating quicksort), so equal keys move; to print the same SQL we must move them the
// same way. Behaviour read from Go's sort package (pdqsort since Go 1.19: insertion sort up to 12 elements, then
// median-of-three or ninther pivots, a partial insertion sort for nearly sorted input, equal-element partitioning,
// xorshift pattern breaking and a heapsort fallback); checked against vectors Go itself produced
// (Tests/Fixtures/inspect/go-sort-slice.json, from tools/go-sort-vectors).

enum GoSort {
  /// Sorts `items` by `less` exactly as `sort.Slice(items, less)` would.
  static func slice<T>(_ items: inout [T], by less: (T, T) -> Bool) {
    let count = items.count
    items = withoutActuallyEscaping(less) { less in
      var sorter = Sorter(items: items, less: less)
      sorter.pdqsort(0, count, limit: bitLength(UInt(count)))
      return sorter.items
    }
  }

  /// Go's `bits.Len`: the number of bits needed to represent the value.
  static func bitLength(_ value: UInt) -> Int { value == 0 ? 0 : UInt.bitWidth - value.leadingZeroBitCount }

  private enum Hint { case unknown, increasing, decreasing }

  private struct Sorter<T> {
    var items: [T]
    let less: (T, T) -> Bool

    func isLess(_ i: Int, _ j: Int) -> Bool { less(items[i], items[j]) }
    mutating func swap(_ i: Int, _ j: Int) { items.swapAt(i, j) }

    mutating func insertionSort(_ a: Int, _ b: Int) {
      var i = a + 1
      while i < b {
        var j = i
        while j > a && isLess(j, j - 1) {
          swap(j, j - 1)
          j -= 1
        }
        i += 1
      }
    }

    mutating func siftDown(_ lo: Int, _ hi: Int, _ first: Int) {
      var root = lo
      while true {
        var child = 2 * root + 1
        if child >= hi { return }
        if child + 1 < hi && isLess(first + child, first + child + 1) { child += 1 }
        if !isLess(first + root, first + child) { return }
        swap(first + root, first + child)
        root = child
      }
    }

    mutating func heapSort(_ a: Int, _ b: Int) {
      let first = a
      let hi = b - a
      var i = (hi - 1) / 2
      while i >= 0 {
        siftDown(i, hi, first)
        i -= 1
      }
      i = hi - 1
      while i >= 0 {
        swap(first, first + i)
        siftDown(0, i, first)
        i -= 1
      }
    }

    mutating func pdqsort(_ start: Int, _ end: Int, limit startLimit: Int) {
      let maxInsertion = 12
      var a = start
      var b = end
      var limit = startLimit
      var wasBalanced = true
      var wasPartitioned = true
      while true {
        let length = b - a
        if length <= maxInsertion {
          insertionSort(a, b)
          return
        }
        if limit == 0 {
          heapSort(a, b)
          return
        }
        if !wasBalanced {
          breakPatterns(a, b)
          limit -= 1
        }
        var (pivot, hint) = choosePivot(a, b)
        if hint == .decreasing {
          reverseRange(a, b)
          pivot = (b - 1) - (pivot - a)
          hint = .increasing
        }
        if wasBalanced && wasPartitioned && hint == .increasing {
          if partialInsertionSort(a, b) { return }
        }
        // Many duplicates of the element before this range: put the ones equal to the pivot first, skip them.
        if a > 0 && !isLess(a - 1, pivot) {
          a = partitionEqual(a, b, pivot)
          continue
        }
        let (mid, alreadyPartitioned) = partition(a, b, pivot)
        wasPartitioned = alreadyPartitioned
        let leftLength = mid - a
        let rightLength = b - mid
        let balanceThreshold = length / 8
        if leftLength < rightLength {
          wasBalanced = leftLength >= balanceThreshold
          pdqsort(a, mid, limit: limit)
          a = mid + 1
        } else {
          wasBalanced = rightLength >= balanceThreshold
          pdqsort(mid + 1, b, limit: limit)
          b = mid
        }
      }
    }

    mutating func partition(_ a: Int, _ b: Int, _ pivot: Int) -> (Int, Bool) {
      swap(a, pivot)
      var i = a + 1
      var j = b - 1
      while i <= j && isLess(i, a) { i += 1 }
      while i <= j && !isLess(j, a) { j -= 1 }
      if i > j {
        swap(j, a)
        return (j, true)
      }
      swap(i, j)
      i += 1
      j -= 1
      while true {
        while i <= j && isLess(i, a) { i += 1 }
        while i <= j && !isLess(j, a) { j -= 1 }
        if i > j { break }
        swap(i, j)
        i += 1
        j -= 1
      }
      swap(j, a)
      return (j, false)
    }

    mutating func partitionEqual(_ a: Int, _ b: Int, _ pivot: Int) -> Int {
      swap(a, pivot)
      var i = a + 1
      var j = b - 1
      while true {
        while i <= j && !isLess(a, i) { i += 1 }
        while i <= j && isLess(a, j) { j -= 1 }
        if i > j { break }
        swap(i, j)
        i += 1
        j -= 1
      }
      return i
    }

    mutating func partialInsertionSort(_ a: Int, _ b: Int) -> Bool {
      let maxSteps = 5
      let shortestShifting = 50
      var i = a + 1
      for _ in 0..<maxSteps {
        while i < b && !isLess(i, i - 1) { i += 1 }
        if i == b { return true }
        if b - a < shortestShifting { return false }
        swap(i, i - 1)
        if i - a >= 2 {
          var j = i - 1
          while j >= 1 {
            if !isLess(j, j - 1) { break }
            swap(j, j - 1)
            j -= 1
          }
        }
        if b - i >= 2 {
          var j = i + 1
          while j < b {
            if !isLess(j, j - 1) { break }
            swap(j, j - 1)
            j += 1
          }
        }
      }
      return false
    }

    mutating func breakPatterns(_ a: Int, _ b: Int) {
      let length = b - a
      guard length >= 8 else { return }
      var random = UInt64(length)
      let modulus = UInt(1) << UInt(GoSort.bitLength(UInt(length)))
      var index = a + (length / 4) * 2 - 1
      while index <= a + (length / 4) * 2 + 1 {
        random ^= random << 13
        random ^= random >> 17
        random ^= random << 5
        var other = Int(UInt(truncatingIfNeeded: random) & (modulus - 1))
        if other >= length { other -= length }
        swap(index, a + other)
        index += 1
      }
    }

    mutating func choosePivot(_ a: Int, _ b: Int) -> (Int, Hint) {
      let shortestNinther = 50
      let maxSwaps = 4 * 3
      let l = b - a
      var swaps = 0
      var i = a + l / 4 * 1
      var j = a + l / 4 * 2
      var k = a + l / 4 * 3
      if l >= 8 {
        if l >= shortestNinther {
          i = median(i - 1, i, i + 1, &swaps)
          j = median(j - 1, j, j + 1, &swaps)
          k = median(k - 1, k, k + 1, &swaps)
        }
        j = median(i, j, k, &swaps)
      }
      switch swaps {
      case 0: return (j, .increasing)
      case maxSwaps: return (j, .decreasing)
      default: return (j, .unknown)
      }
    }

    func order2(_ a: Int, _ b: Int, _ swaps: inout Int) -> (Int, Int) {
      if isLess(b, a) {
        swaps += 1
        return (b, a)
      }
      return (a, b)
    }

    /// The position of the median of three elements, counting the swaps order2 makes (Go's `median`).
    func median(_ x: Int, _ y: Int, _ z: Int, _ swaps: inout Int) -> Int {
      let (a, b) = order2(x, y, &swaps)
      let (b2, _) = order2(b, z, &swaps)
      let (_, middle) = order2(a, b2, &swaps)
      return middle
    }

    mutating func reverseRange(_ a: Int, _ b: Int) {
      var i = a
      var j = b - 1
      while i < j {
        swap(i, j)
        i += 1
        j -= 1
      }
    }
  }
}
