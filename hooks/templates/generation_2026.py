"""The 2026 template's facts, written by `python -m hooks.templates build`: do not edit."""

DATA = {
    "name": "2026",
    "headings": [
        [
            1,
            "Exam template for 02476 Machine Learning Operations",
        ],
        [
            2,
            "Overall project checklist",
        ],
        [
            3,
            "Week 1",
        ],
        [
            3,
            "Week 2",
        ],
        [
            3,
            "Week 3",
        ],
        [
            3,
            "Extra",
        ],
        [
            2,
            "Group information",
        ],
        [
            3,
            "Question 1",
        ],
        [
            3,
            "Question 2",
        ],
        [
            3,
            "Question 3",
        ],
        [
            2,
            "Coding environment",
        ],
        [
            3,
            "Question 4",
        ],
        [
            3,
            "Question 5",
        ],
        [
            3,
            "Question 6",
        ],
        [
            2,
            "Version control",
        ],
        [
            3,
            "Question 7",
        ],
        [
            3,
            "Question 8",
        ],
        [
            3,
            "Question 9",
        ],
        [
            3,
            "Question 10",
        ],
        [
            3,
            "Question 11",
        ],
        [
            2,
            "Running code and tracking experiments",
        ],
        [
            3,
            "Question 12",
        ],
        [
            3,
            "Question 13",
        ],
        [
            3,
            "Question 14",
        ],
        [
            3,
            "Question 15",
        ],
        [
            3,
            "Question 16",
        ],
        [
            2,
            "Working in the cloud",
        ],
        [
            3,
            "Question 17",
        ],
        [
            3,
            "Question 18",
        ],
        [
            3,
            "Question 19",
        ],
        [
            3,
            "Question 20",
        ],
        [
            3,
            "Question 21",
        ],
        [
            3,
            "Question 22",
        ],
        [
            2,
            "Deployment",
        ],
        [
            3,
            "Question 23",
        ],
        [
            3,
            "Question 24",
        ],
        [
            3,
            "Question 25",
        ],
        [
            3,
            "Question 26",
        ],
        [
            2,
            "Overall discussion of project",
        ],
        [
            3,
            "Question 27",
        ],
        [
            3,
            "Question 28",
        ],
        [
            3,
            "Question 29",
        ],
        [
            3,
            "Question 30",
        ],
        [
            3,
            "Question 31",
        ],
    ],
    "checker": {
        "expected": 31,
        "skip_chars": 0,
        "drop_first_span": False,
    },
    "questions": [
        {
            "n": 1,
            "section": "Group information",
            "min_words": None,
            "max_words": None,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "d2e616c857331d6b",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "d2e616c857331d6b",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 2,
            "section": "Group information",
            "min_words": None,
            "max_words": None,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "437a0f11a5cc2cee",
                        "f6d03ddd3b957926",
                        "dcfc09c6556baf55",
                    ],
                    "kinds": [
                        "question",
                        "example",
                        "example",
                    ],
                    "whole": "06f6f2b66aa0b14e",
                },
            ],
            "example_lines": [
                "dcfc09c6556baf55",
            ],
            "answer_lines": [],
        },
        {
            "n": 3,
            "section": "Group information",
            "min_words": 0,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "769833653ddbde29",
                        "232284edc37b4437",
                        "e677d2238cedddbd",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "1185a093b137b644",
                },
            ],
            "example_lines": [
                "423d87527e306018",
                "acb209f9d3d040cf",
            ],
            "answer_lines": [],
        },
        {
            "n": 4,
            "section": "Coding environment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "1e28e6c4c0bb365a",
                        "559c565fbc191983",
                        "a463b9b7a905058c",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "7ee3a5a05f1944cd",
                },
            ],
            "example_lines": [
                "d98487116e878dc4",
                "2cebea0063d9558e",
            ],
            "answer_lines": [],
        },
        {
            "n": 5,
            "section": "Coding environment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "7715eb962dca105e",
                        "559c565fbc191983",
                        "fe2801fed1d4d91d",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "61acf7f256959ee2",
                },
            ],
            "example_lines": [
                "3f73e433dc2af10c",
                "4642399de6955eab",
                "69593f4745e57c15",
            ],
            "answer_lines": [],
        },
        {
            "n": 6,
            "section": "Coding environment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "a355d1c020374748",
                        "a827613b7280e53f",
                        "fb8c6e185cc75fae",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "03b7a182fbcfc1e5",
                },
            ],
            "example_lines": [
                "bcae9d9c2ee6093d",
                "6977e042c83895de",
            ],
            "answer_lines": [],
        },
        {
            "n": 7,
            "section": "Version control",
            "min_words": 50,
            "max_words": 100,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "8f6e9feef9700dc5",
                        "d15cd0c1a1a3adc6",
                        "456f58eb511aaf95",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "8a135ea580e417e3",
                },
            ],
            "example_lines": [
                "d08e20da31bfefba",
                "7e6968b386dc665e",
            ],
            "answer_lines": [],
        },
        {
            "n": 8,
            "section": "Version control",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "b22c8d4e6e62b36d",
                        "a827613b7280e53f",
                        "49e6c2f901336115",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "89eb556bfbfa9a87",
                },
            ],
            "example_lines": [
                "5961418833395726",
                "a664dd6ad43c42d9",
            ],
            "answer_lines": [],
        },
        {
            "n": 9,
            "section": "Version control",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "2ddd17db73ed02a2",
                        "a827613b7280e53f",
                        "7db23ef2a27cfc67",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "ef6010e17c2e988f",
                },
            ],
            "example_lines": [
                "c4363d0ccde0a101",
                "272e3166f6f3c081",
            ],
            "answer_lines": [],
        },
        {
            "n": 10,
            "section": "Version control",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "9cca13f1dbb90182",
                        "a827613b7280e53f",
                        "4737ba69933aaaa9",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "3d2d5b19e7505ea1",
                },
            ],
            "example_lines": [
                "30176ec2f11f5f41",
            ],
            "answer_lines": [],
        },
        {
            "n": 11,
            "section": "Version control",
            "min_words": 200,
            "max_words": 300,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "f3b66e528cdc23a9",
                        "8b21d103dd760db4",
                        "fe3d776742d3bbf4",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "6b15acf8f791b8a9",
                },
            ],
            "example_lines": [
                "8c380ad6b3165a6a",
                "9bf2bede5e2afb9f",
                "64bce5e523c6fdca",
            ],
            "answer_lines": [],
        },
        {
            "n": 12,
            "section": "Running code and tracking experiments",
            "min_words": 50,
            "max_words": 100,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "92b2bad754422e46",
                        "d15cd0c1a1a3adc6",
                        "f683c4b72b0ba030",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "257ecbb4d6d10cb0",
                },
            ],
            "example_lines": [
                "8cdf3fa5722e76a6",
            ],
            "answer_lines": [],
        },
        {
            "n": 13,
            "section": "Running code and tracking experiments",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "a520ac46f0ced339",
                        "a827613b7280e53f",
                        "7ad2ac669cf37196",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "6c09dcc015c51219",
                },
            ],
            "example_lines": [
                "fe43eeebaa24461a",
                "99d913acd3a84b7f",
            ],
            "answer_lines": [],
        },
        {
            "n": 14,
            "section": "Running code and tracking experiments",
            "min_words": 200,
            "max_words": 300,
            "min_images": 1,
            "max_images": 3,
            "prompts": [
                {
                    "paragraphs": [
                        "3adbcc5d251680cf",
                        "072d0ae6162173ca",
                        "1e3899a21ddbb49b",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "1ca76660afa9a691",
                },
            ],
            "example_lines": [
                "4cf64d46a714cf04",
                "a30d7e06f810b523",
            ],
            "answer_lines": [],
        },
        {
            "n": 15,
            "section": "Running code and tracking experiments",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "1a49ca4868e7565b",
                        "a827613b7280e53f",
                        "66995da25e531341",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "202f1b962d7bce86",
                },
            ],
            "example_lines": [
                "6cd135021d424c94",
                "87ec946d48c3a9ff",
            ],
            "answer_lines": [],
        },
        {
            "n": 16,
            "section": "Running code and tracking experiments",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "2e90b0d08d6880cd",
                        "a827613b7280e53f",
                        "86428457759e1cc7",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "2168e5e90ebc6b97",
                },
            ],
            "example_lines": [
                "c7a5e575354e8db8",
                "4bb6bc2642c34e9c",
            ],
            "answer_lines": [],
        },
        {
            "n": 17,
            "section": "Working in the cloud",
            "min_words": 50,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "b16fc17db2252ec2",
                        "99497ce551cbb768",
                        "2c6b718670e1670f",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "94e02c647161ffe8",
                },
            ],
            "example_lines": [
                "40cf32b0c9dccbb5",
            ],
            "answer_lines": [],
        },
        {
            "n": 18,
            "section": "Working in the cloud",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "a78e17b90987cf4a",
                        "a827613b7280e53f",
                        "30f5ef66200ae84a",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "c029c06c84afb2f0",
                },
            ],
            "example_lines": [
                "c7cea03ccb0a3e24",
                "90254622ba9704e0",
            ],
            "answer_lines": [],
        },
        {
            "n": 19,
            "section": "Working in the cloud",
            "min_words": None,
            "max_words": None,
            "min_images": 1,
            "max_images": 2,
            "prompts": [
                {
                    "paragraphs": [
                        "8ddfe4dbd1416633",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "8ddfe4dbd1416633",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 20,
            "section": "Working in the cloud",
            "min_words": None,
            "max_words": None,
            "min_images": 1,
            "max_images": 2,
            "prompts": [
                {
                    "paragraphs": [
                        "05251ba6ecbd8635",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "05251ba6ecbd8635",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 21,
            "section": "Working in the cloud",
            "min_words": None,
            "max_words": None,
            "min_images": 1,
            "max_images": 2,
            "prompts": [
                {
                    "paragraphs": [
                        "a3e887001fafa6c1",
                    ],
                    "kinds": [
                        "question",
                    ],
                    "whole": "a3e887001fafa6c1",
                },
            ],
            "example_lines": [],
            "answer_lines": [],
        },
        {
            "n": 22,
            "section": "Working in the cloud",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "f99a540557e19cdf",
                        "a827613b7280e53f",
                        "a3c8d74cad27dcd0",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "dc6e20e812aea550",
                },
            ],
            "example_lines": [
                "3b68bcff6957637e",
                "ce264eff11b63027",
            ],
            "answer_lines": [],
        },
        {
            "n": 23,
            "section": "Deployment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "595289ce031fcb3d",
                        "a827613b7280e53f",
                        "5a02b446f4d914e4",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "164bdd5d34035d24",
                },
            ],
            "example_lines": [
                "6a0e2f0554208f3f",
                "ba8cb45bdb6016da",
            ],
            "answer_lines": [],
        },
        {
            "n": 24,
            "section": "Deployment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "a8141ab7a8dcd35a",
                        "a827613b7280e53f",
                        "b601854670a4bf16",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "7c23f56baab73e04",
                },
            ],
            "example_lines": [
                "e6ba49b003bf8102",
                "920ed4040c23ecfb",
                "72ae73883e2c2854",
            ],
            "answer_lines": [],
        },
        {
            "n": 25,
            "section": "Deployment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "9a2b7b411185a867",
                        "a827613b7280e53f",
                        "710ba3231c19ef4b",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "47206b4bcf8e6d27",
                },
                {
                    "paragraphs": [
                        "5dfafab12cbef4c4",
                        "a827613b7280e53f",
                        "f812a9d1dc50d8b4",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "5cf4d97e460c4e09",
                },
            ],
            "example_lines": [
                "b773734425f8b4b9",
                "a935f6b6040f6fec",
            ],
            "answer_lines": [],
        },
        {
            "n": 26,
            "section": "Deployment",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "232d9954c0e77fed",
                        "a827613b7280e53f",
                        "9bd70ee184e41acb",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "43999b9f68a0892e",
                },
            ],
            "example_lines": [
                "2f8e2411442e4dcf",
                "256d848d00a4e8fa",
            ],
            "answer_lines": [],
        },
        {
            "n": 27,
            "section": "Overall discussion of project",
            "min_words": 100,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "13a601289ba3f793",
                        "a827613b7280e53f",
                        "c022890dc40b6188",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "60f32b729a67b88e",
                },
            ],
            "example_lines": [
                "a039f6e4f1d04dec",
                "f22d6613a047aa4f",
            ],
            "answer_lines": [],
        },
        {
            "n": 28,
            "section": "Overall discussion of project",
            "min_words": 0,
            "max_words": 200,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "d8387a4b8deec9ae",
                        "232284edc37b4437",
                        "b6b5c0a9e8dba5f3",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "4f7eb4c91761db80",
                },
            ],
            "example_lines": [
                "ebc562308620d6a1",
                "374bbfa89305e4c5",
            ],
            "answer_lines": [],
        },
        {
            "n": 29,
            "section": "Overall discussion of project",
            "min_words": 200,
            "max_words": 400,
            "min_images": 1,
            "max_images": 1,
            "prompts": [
                {
                    "paragraphs": [
                        "e47d9702d8829a05",
                        "f8682e5e51018616",
                        "f6d03ddd3b957926",
                        "abc929e904033061",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                        "example",
                    ],
                    "whole": "06e1427e1b166231",
                },
            ],
            "example_lines": [
                "1bbe6dbaab3abf10",
                "ea80319cf344fc0a",
            ],
            "answer_lines": [],
        },
        {
            "n": 30,
            "section": "Overall discussion of project",
            "min_words": 200,
            "max_words": 400,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "5b41d5f47bac7391",
                        "48e8c3b0fc45a598",
                        "46d68a8cce9af2b3",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "fc831afa82c05951",
                },
            ],
            "example_lines": [
                "648175a821f4a588",
            ],
            "answer_lines": [],
        },
        {
            "n": 31,
            "section": "Overall discussion of project",
            "min_words": 50,
            "max_words": 300,
            "min_images": None,
            "max_images": None,
            "prompts": [
                {
                    "paragraphs": [
                        "711f2173599e0cb5",
                        "1e03e25cfd82a716",
                        "262315c35607a9df",
                    ],
                    "kinds": [
                        "question",
                        "length",
                        "example",
                    ],
                    "whole": "97c7c3b42b2e5ee4",
                },
            ],
            "example_lines": [
                "1682f9b0d9c1fd4d",
                "aa87c1d296be2690",
                "cfd469fdc3a2bc60",
                "2a6c25313d3f9bdd",
                "52c25108d9724351",
            ],
            "answer_lines": [],
        },
    ],
}
