import Foundation
import InfralabCLI

// Arguments in, an invocation run, its status out. Everything else lives in the library targets (InfralabCLI and the layers below it).
let status = CommandLineTool.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status)
