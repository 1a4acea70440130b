# pxp_warnings(target): the warning set every target of ours compiles with.
# Third-party headers come in through imported targets as SYSTEM includes, so only our own
# sources are held to zero warnings.
function(pxp_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                           -Wnon-virtual-dtor -Wformat=2)
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/generated)
endfunction()
