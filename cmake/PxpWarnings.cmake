# pxp_warnings(target): the warning set every target of ours compiles with.
# Third-party headers come in through imported targets as SYSTEM includes, so only our own
# sources are held to zero warnings. PXP_WERROR (on under CI=true, see setup.sh) turns any
# warning in our code into a build failure, so "zero warnings" is enforced, not promised.
# Generated protobuf code (proto/) and Qt's resource code are not ours and are not held to it.
option(PXP_WERROR "Treat compiler warnings in PXP's own code as errors" OFF)

function(pxp_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wformat=2)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wshadow=local)
  endif()
  if(PXP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_include_directories(${target} PRIVATE ${CMAKE_BINARY_DIR}/generated)
endfunction()
