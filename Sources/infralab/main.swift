import Foundation
import InfralabKit

// Arguments in, an invocation run, its status out. Everything else lives in InfralabKit.
let status = CommandLineTool.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status)
