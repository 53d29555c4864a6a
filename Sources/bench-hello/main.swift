// The baseline for infralab-bench's start-up measurement: a Foundation "hello world"
// built the same way as infralab (the quality bar: `infralab check` within 2× of this).
import Foundation

print("hello, world")
